from bench.tool_latency.run import main

main()
