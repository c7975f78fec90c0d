"""AlignCV from Python: sign up, log in, read the profile, change notification settings, and
handle errors. Everything runs in this process; no server is involved.

    .venv/bin/python examples/python_quickstart.py [DATA_DIR]

Without DATA_DIR the data lives in a fresh temporary folder that is removed at the end. With one,
the folder is kept, and running the script again finds the account already registered.
"""

import sys
import tempfile

import aligncv

EMAIL = "jane@example.com"
PASSWORD = "correct horse battery"


def run(data_dir: str) -> None:
    # Options are keyword arguments; this one keeps the console for the script's own output.
    # The log still goes to <data_dir>/logs/aligncv.jsonl.
    with aligncv.Engine(data_dir, log_to_console=False) as engine:
        print(f"Data folder: {engine.data_dir}")

        # Sign up. Results are plain dicts with the field names of the HTTP API.
        try:
            auth = engine.signup(name="Jane Doe", email=EMAIL, password=PASSWORD)
            print(f"Signed up {auth['user']['name']} <{auth['user']['email']}>")
        except aligncv.ConflictError as e:  # code "conflict": this folder already has her
            print(f"Sign-up refused ({e.code}): {e.detail}")

        # Log in. Each login starts a new token family; "token" below is the access token.
        auth = engine.login(email=EMAIL, password=PASSWORD)
        token = auth["tokens"]["access_token"]
        print(f"{auth['message']}: access token expires in {auth['tokens']['expires_in']} s")

        # Read the profile, like GET /v2/auth/me.
        me = engine.me(token)
        print(f"Me: {me['name']}, {me['email']}, admin: {me['is_admin']}")

        # Update notification settings: omitted fields keep their value. The answer holds every
        # field, including the frontend's aliases (notification_frequency mirrors digest_frequency).
        settings = engine.update_notification_settings(
            token, digest_frequency="weekly", min_match_score=0.75
        )
        print(
            f"Settings: digest {settings['digest_frequency']}, "
            f"min match score {settings['min_match_score']}, "
            f"notification_frequency {settings['notification_frequency']}"
        )

        # Errors are aligncv.Error subclasses with a stable code and a human detail.
        try:
            engine.login(email=EMAIL, password="not my password")
        except aligncv.InvalidCredentialsError as e:
            print(f"Wrong password ({e.code}): {e.detail}")

        # A ValidationError lists every failing field, like the HTTP API's 422 body.
        try:
            engine.update_notification_settings(token, digest_frequency="hourly", min_match_score=2)
        except aligncv.ValidationError as e:
            for issue in e.issues:
                print(f"Rejected {'.'.join(map(str, issue['loc']))}: {issue['msg']}")

        # Log out: the access token stops working at once.
        engine.logout(token)
        try:
            engine.me(token)
        except aligncv.InvalidTokenError as e:
            print(f"After logout ({e.code}): {e.detail}")


def main() -> None:
    if len(sys.argv) > 2:
        sys.exit("usage: python_quickstart.py [DATA_DIR]")
    if len(sys.argv) == 2:
        run(sys.argv[1])
    else:
        with tempfile.TemporaryDirectory(prefix="aligncv-quickstart-") as data_dir:
            run(data_dir)


if __name__ == "__main__":
    main()
