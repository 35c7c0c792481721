"""`manage.py match` through Django's dispatcher (`django-admin match`, `call_command("match")`).

manage.py runs kb/match_command.py's `main` instead, without Django's
management machinery (its start-up matters: issue 11); both run the same
`run` with the same arguments.
"""

from django.core.management.base import BaseCommand, CommandError

from kb import match_command


class Command(BaseCommand):
    help = match_command.HELP
    # The checks import every URLconf, DRF and the admin: most of a second before reading a byte.
    requires_system_checks = []

    def add_arguments(self, parser):
        match_command.add_arguments(parser)

    def handle(self, *args, path, json, min_score, full_limit, base_url=None, hit_lines=None, words=False,
               **options):
        try:
            match_command.run(self.stdout, self.stderr, path=path, json=json, min_score=min_score,
                              full_limit=full_limit, base_url=base_url, hit_lines=hit_lines, words=words)
        except match_command.MatchError as exc:
            raise CommandError(str(exc)) from None
