# Shortcuts for the README's two commands, for those who have make:
#   make lessons                      = bash scripts/setup.sh lessons
#   make test PYTEST_ARGS="-k smoke"  = bash scripts/setup.sh test -k smoke
.PHONY: lessons test
PYTEST_ARGS ?=

lessons:
	bash scripts/setup.sh lessons

test:
	PYTEST_ARGS='$(PYTEST_ARGS)' bash scripts/setup.sh test
