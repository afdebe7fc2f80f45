"""Engines that run any registered extractor over a sharded corpus (``shards``,
``sharded``), on a Dask cluster (``dask_engine``); they do not know which extractor runs."""
