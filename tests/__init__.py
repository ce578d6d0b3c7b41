from . import test_catalog
