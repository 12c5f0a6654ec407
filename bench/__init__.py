"""Developer tools: the synthetic scale corpus (synth.py), the evaluation against gold annotations (evaluation.py),
the benchmark (benchmark.py) and the segmenters' agreement (agreement.py). Run as `dangjian synth|eval|bench|agreement`."""
