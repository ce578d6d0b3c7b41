from . import mipg_audit_log_export
from . import mipg_plan_export
from . import mipg_risk_map_export
