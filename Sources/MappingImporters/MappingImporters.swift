/// Importers an analyst describes in a mapping file (config/importers/*.yaml) instead of Swift.
public enum MappingImporters {}
