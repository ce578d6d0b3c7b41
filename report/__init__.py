from . import mipg_audit_log_report
from . import mipg_audit_log_xlsx
from . import mipg_plan_formulario14
from . import mipg_report_format_xlsx
from . import mipg_risk_map_xlsx
from . import mipg_risk_map_report
from . import mipg_bulletin_report
