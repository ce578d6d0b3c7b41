from . import test_catalog
from . import test_mipg_self_assessment
from . import test_mipg_self_assessment_import
from . import test_mipg_furag
from . import test_mipg_self_assessment_report
