"""What the benchmark tools share: suite plans and step timing. Above
mmlt's datasets and models, which it builds; not imported by ``mmlt``."""
