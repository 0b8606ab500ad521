"""The same personal link sent from several tabs at once is saved once (PostgreSQL: real row locks)."""

import threading

import pytest
from django.db import connection

from radslag.contributions.models import Contribution
from radslag.core.errors import DomainError
from radslag.dialogues.tests.factories import ProcessFactory
from radslag.surveys import responding
from radslag.surveys.models import Audience, Question, Response
from radslag.surveys.tests.factories import make_survey

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
THREADS = 8


def test_parallel_sends_of_one_response_are_saved_once(org, staff):
    process = ProcessFactory(organisation=org)
    survey = make_survey(org, staff, audience=Audience.PROCESS, process=process)
    trivsel, stolt, varfor = (Question.objects.get(section__survey=survey, key=key)
                              for key in ("trivsel", "stolt", "varfor"))
    response = responding.start_response(survey=survey, user=None)
    responding.save_page(response=response, page_number=1, action="next", data={})
    responding.save_page(response=response, page_number=2, action="next",
                         data={f"q{trivsel.pk}": "4", f"q{stolt.pk}": "ja"})
    barrier = threading.Barrier(THREADS)
    sent, refused = [], []

    def work(n: int) -> None:
        try:
            barrier.wait()
            responding.save_page(response=response, page_number=3, action="submit",
                                 data={f"q{varfor.pk}": f"Älven, från flik {n}"})
            sent.append(n)
        except DomainError as error:
            refused.append(error.message)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(sent) == 1 and len(refused) == THREADS - 1
    assert all("redan skickats" in message for message in refused)
    assert Response.objects.get(pk=response.pk).answers.filter(question=varfor).count() == 1
    assert Contribution.objects.filter(process=process).count() == 1
