from . import mipg_lesson_review
