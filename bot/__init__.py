"""Stack Advisor: helps a team choose between TensorFlow and PyTorch, on Slack or in a terminal."""

__version__ = "0.1.0"
