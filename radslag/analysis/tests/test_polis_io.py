"""Reading a Pol.is export: whatever the files hold, the answer is a conversation or a message naming the place."""

from hypothesis import given, settings
from hypothesis import strategies as st

from radslag.analysis import polis_io

COMMENTS_HEADER = "timestamp,comment-id,author-id,moderated,comment-body\n"
VOTES_HEADER = "timestamp,comment-id,voter-id,vote\n"
CELL = st.one_of(st.text(max_size=80), st.sampled_from(["inf", "-inf", "nan", "1e400", "9" * 70, "", "0", "1"]))


def _row(cells):
    return ",".join('"' + cell.replace('"', '""') + '"' for cell in cells) + "\n"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(CELL, min_size=5, max_size=5), max_size=4),
       st.lists(st.lists(CELL, min_size=4, max_size=4), max_size=4))
def test_any_export_reads_or_is_refused_with_a_swedish_message(tmp_path_factory, comments, votes):
    folder = tmp_path_factory.mktemp("export")
    (folder / "comments.csv").write_text(COMMENTS_HEADER + "".join(map(_row, comments)), encoding="utf-8",
                                         errors="surrogatepass")
    (folder / "votes.csv").write_text(VOTES_HEADER + "".join(map(_row, votes)), encoding="utf-8",
                                      errors="surrogatepass")
    try:
        conversation = polis_io.read_conversation(folder)
    except polis_io.PolisFormatError as error:
        assert "rad" in str(error) or "UTF-8" in str(error) or "saknas" in str(error)
        return
    for comment in conversation.comments:
        assert len(comment.id) <= 64 and 0 <= comment.timestamp <= polis_io.MAX_TIMESTAMP
    for vote in conversation.votes:
        assert len(vote.participant_id) <= 64 and 0 <= vote.timestamp <= polis_io.MAX_TIMESTAMP
