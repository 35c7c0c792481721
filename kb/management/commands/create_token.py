from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from kb.models import ApiToken


class Command(BaseCommand):
    help = "Create an API token for USERNAME and print its key (shown only this once)."

    def add_arguments(self, parser):
        parser.add_argument("username", help="The user the token acts as (an existing user).")
        parser.add_argument("--write", action="store_true",
                            help="Allow writes (also needs a staff user); default is read-only.")
        parser.add_argument("--expires-days", type=int, metavar="N",
                            help="Expire the token N days from now; default: never.")
        parser.add_argument("--name", default="command line", help="What uses the token.")

    def handle(self, *args, username, write, expires_days, name, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"no user {username!r} (create one with `manage.py createsuperuser`)")
        if expires_days is not None and expires_days < 1:
            raise CommandError("--expires-days must be at least 1")
        expires_at = timezone.now() + timedelta(days=expires_days) if expires_days else None
        token, key = ApiToken.create_for(user, name, write=write, expires_at=expires_at)
        if write and not user.is_staff:
            # The token is made: the user may be made staff later. Until then every write it
            # sends is a 403 (kb.api.permissions), which a new user read as a broken token.
            self.stderr.write(f"warning: {username} is not staff: every write with this token is refused "
                              f"(403) until they are (the admin's Users > {username} > Staff status)")
        until = f"until {expires_at:%Y-%m-%d %H:%M} UTC" if expires_at else "with no expiry"
        kind = "write" if write else "read-only"
        self.stderr.write(f"{kind} token {token.prefix}… for {username}, {until}.")
        self.stderr.write("The key is shown only now; kb keeps only its hash:")
        self.stdout.write(key)
