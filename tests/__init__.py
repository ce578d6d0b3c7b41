from . import test_catalog
from . import test_mipg_action
from . import test_mipg_followup
from . import test_mipg_opportunity
from . import test_mipg_opportunity_origin_mixin
from . import test_mipg_plan
from . import test_mipg_stage
