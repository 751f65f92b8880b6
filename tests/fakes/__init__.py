"""Hand-written fakes of the framework's engines (LLM, STT, TTS) for tests."""
