.PHONY: run test setup demo
# Set up what is missing and run the platform at http://127.0.0.1:8000 with demo data.
run:
	@scripts/run.sh
# Lint, type checks and the whole suite on SQLite, then on PostgreSQL.
test:
	@scripts/test.sh
setup:
	@scripts/setup.sh --test
