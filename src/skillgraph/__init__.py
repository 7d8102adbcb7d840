"""skillgraph: Chinese government documents on skills and employment → an RDF knowledge graph."""
__version__ = "0.1.0"
