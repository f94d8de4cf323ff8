"""The sample Uxin Banner (fictional), shipped in the package and read through importlib.resources."""
