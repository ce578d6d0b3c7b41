from . import mipg_lesson_review
from . import mipg_self_assessment_import
from . import mipg_self_assessment_gap_wizard
from . import mipg_furag_import
from . import mipg_cancel_wizard
from . import mipg_plan_opportunity_wizard
from . import mipg_audit_reply_wizard
