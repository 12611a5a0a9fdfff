"""Training and data-making: the scripts that make the recogniser's model and the shipped data
in ``builder/data`` from ``../shared`` (``make model``, ``make gazetteer``).

Not runtime code: the ``arshif`` package neither imports nor ships them, and no build cache
depends on them; a build reads only what they wrote.
"""
