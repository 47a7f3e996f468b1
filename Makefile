# Shortcuts for the README's commands, for those who have make:
#   make lessons                      = bash scripts/setup.sh lessons
#   make site                         = bash scripts/setup.sh site   (the lessons as a static site in site/)
#   make test PYTEST_ARGS="-k smoke"  = bash scripts/setup.sh test -k smoke
.PHONY: lessons site test
PYTEST_ARGS ?=

lessons:
	bash scripts/setup.sh lessons

site:
	bash scripts/setup.sh site

test:
	PYTEST_ARGS='$(PYTEST_ARGS)' bash scripts/setup.sh test
