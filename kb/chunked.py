"""Request bodies sent with Transfer-Encoding: chunked, read and limited like any other.

Django reads a WSGI body only up to CONTENT_LENGTH, which a chunked request
has not: `curl -T -` (a pipe) reached the views as an empty body ("Nothing to
match"), and an oversized one met no limit. Servers that de-chunk the body
(gunicorn) say so with wsgi.input_terminated; this WSGI wrapper then reads at
most the limit and hands Django a body with its length, or answers 413. A
server that does not de-chunk (Django's runserver) leaves nothing Django can
read: the answer is a 411 that says how to send the body instead.
"""

import io
import json

LIMIT_MESSAGE = ("The body is larger than the limit of {limit} bytes (KB_MAX_PASTE_BYTES): "
                 "send less, or split it.")
JOB_MESSAGE = ("A body sent chunked (curl -T -, a pipe) is read only up to {limit} bytes "
               "(KB_MAX_PASTE_BYTES); a job takes bigger logs sent with their length: "
               "curl --data-binary @file, or -F file=@file.")
# A server that hands the body over still chunked (Django's runserver, which `make run` uses)
# gives Django a body of length 0: the paste was lost and the answer said "the text is empty".
UNREAD_MESSAGE = ("This server cannot read a body sent with Transfer-Encoding: chunked (curl -T -, a pipe): "
                  "send it with its length (curl --data-binary @file), or serve kb with gunicorn, "
                  "which reads chunked bodies.")



class ChunkedBodies:
    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        chunked = "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower()
        if chunked and not environ.get("CONTENT_LENGTH") and environ.get("wsgi.input_terminated"):
            from django.conf import settings

            # Room for a multipart envelope around a paste of the limit (as DATA_UPLOAD_MAX_MEMORY_SIZE).
            limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
            body = environ["wsgi.input"].read(limit + 1)
            if len(body) > limit:
                return self.too_large(environ, start_response, settings.KB_MAX_PASTE_BYTES)
            environ["wsgi.input"] = io.BytesIO(body)
            environ["CONTENT_LENGTH"] = str(len(body))
        elif chunked and not environ.get("CONTENT_LENGTH"):
            # wsgiref refuses a Connection header from the application; without a Content-Length
            # the development server closes the connection itself, so the chunks left unread
            # are not taken for the next request.
            body, kind = self.answer(environ, UNREAD_MESSAGE)
            start_response("411 Length Required", [("Content-Type", kind)])
            return [body]
        return self.application(environ, start_response)

    @classmethod
    def too_large(cls, environ, start_response, limit: int):
        message = LIMIT_MESSAGE.format(limit=limit)
        if environ.get("PATH_INFO", "").startswith("/api/jobs"):
            # A job takes up to KB_MAX_UPLOAD_BYTES, but a chunked body is held in memory here:
            # the paste limit is not the job's, so say how to send a big log.
            message = JOB_MESSAGE.format(limit=limit)
        body, kind = cls.answer(environ, message)
        # The rest of the body is not read: close the connection rather than parse it as a request.
        start_response("413 Request Entity Too Large", [
            ("Content-Type", kind), ("Content-Length", str(len(body))), ("Connection", "close"),
        ])
        return [body]

    @staticmethod
    def answer(environ, message: str) -> tuple[bytes, str]:
        """The refusal's body and type: JSON under /api/, plain text elsewhere."""
        if environ.get("PATH_INFO", "").startswith("/api/"):
            return json.dumps({"detail": message}).encode(), "application/json"
        return (message + "\n").encode(), "text/plain; charset=utf-8"
