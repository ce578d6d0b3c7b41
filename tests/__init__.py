from . import test_catalog
from . import test_mipg_lesson
from . import test_mipg_bulletin
