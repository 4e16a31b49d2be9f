"""The HTTP application that hosts every web endpoint."""
