from . import test_catalog
from . import test_mipg_access_matrix
from . import test_mipg_record_rules
from . import test_mipg_tours
from . import test_mipg_control_interno_views
from . import test_mipg_lesson
from . import test_mipg_bulletin
