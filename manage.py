#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kb.settings")
    if sys.argv[1:2] == ["match"]:
        # Answers from the engine's snapshot before Django is set up (kb/management/commands/match.py).
        from kb.management.commands.match import main

        main(sys.argv)
        sys.exit(0)
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
