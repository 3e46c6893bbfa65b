"""`make bench`: our bot against the stock `rasa init` bot (bench/README.md). run_bench.py is the entry point."""
