from . import test_catalog
from . import test_mipg_self_assessment
