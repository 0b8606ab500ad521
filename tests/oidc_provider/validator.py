"""The broker's claims: what a Swedish e-ID broker sends about the person who signed in."""

import json
import os

from oauth2_provider.oauth2_validators import OAuth2Validator

PERSONAL_NUMBER_CLAIM = "https://id.oidc.se/claim/personalIdentityNumber"


class BrokerValidator(OAuth2Validator):
    oidc_claim_scope = {
        **OAuth2Validator.oidc_claim_scope,
        PERSONAL_NUMBER_CLAIM: "https://id.oidc.se/scope/naturalPersonNumber",
    }

    def get_additional_claims(self, request):
        people = json.loads(os.environ["BROKER_PEOPLE"])
        return people[request.user.username]["claims"]
