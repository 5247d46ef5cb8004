"""WeThrive Desktop: offline professional-development records for ICMA members."""

__version__ = "0.1.0"
APP_NAME = "WeThrive Desktop"
