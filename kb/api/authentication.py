"""`Authorization: Token <key>` against ApiToken (only the key's SHA-256 is stored)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed

from kb.models import ApiToken

HOWTO = "Send 'Authorization: Token <key>'; keys come from the admin or `manage.py create_token`."


class TokenAuthentication(BaseAuthentication):
    keywords = (b"token", b"bearer")

    def authenticate(self, request):
        words = get_authorization_header(request).split()
        if not words or words[0].lower() not in self.keywords:
            return None
        if len(words) != 2:
            raise AuthenticationFailed(f"Malformed Authorization header. {HOWTO}")
        try:
            key = words[1].decode("ascii")
        except UnicodeDecodeError:
            raise AuthenticationFailed(f"Invalid token. {HOWTO}") from None
        token = ApiToken.objects.select_related("user").filter(digest=ApiToken.hash_key(key)).first()
        if token is None:
            raise AuthenticationFailed(f"Invalid token. {HOWTO}")
        if token.is_expired:
            expired = f"{token.expires_at:%Y-%m-%d %H:%M} UTC"
            raise AuthenticationFailed(f"Token {token.prefix}… expired at {expired}; make a new one.")
        if not token.user.is_active:
            raise AuthenticationFailed("The token's user is inactive.")
        token.touch()
        return token.user, token

    def authenticate_header(self, request):
        # Makes DRF answer 401 (not 403) when credentials are missing or wrong.
        return "Token"


class TokenAuthenticationScheme(OpenApiAuthenticationExtension):
    target_class = TokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Token <key>`. " + HOWTO,
        }
