"""Named-entity recognition for Arabic news: a CRF over morphology, word clusters and gazetteers."""
