from . import mipg_audit_log_export
