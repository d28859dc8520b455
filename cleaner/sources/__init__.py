"""Where documents come from: files and folders, containers, feeds."""

from cleaner.sources.files import InputFile, discover, is_container

__all__ = ["InputFile", "discover", "is_container"]
