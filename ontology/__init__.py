"""The ontology and its SHACL shapes, installed as the package `skillgraph.ontology`."""
