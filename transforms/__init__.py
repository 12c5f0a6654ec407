"""The pipeline's stages as plain functions over plain data, in the order the data walks: ingest, clean, extract,
validate, link. No Prefect here: flows/ wires the stages into a flow."""
