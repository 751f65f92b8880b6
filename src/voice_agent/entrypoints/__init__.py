"""Entry points: the LiveKit worker, ``serve``, demo / chat / call and the ``voice-agent`` CLI.

The only callers of the composition root (``voice_agent.bootstrap``). They hand the adapters
the narrow things they use (call services, the clock, the store), never the container.
"""
