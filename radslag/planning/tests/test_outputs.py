"""The project document as PDF: the trees drawn as figures beside their tables, nothing fetched."""

import shutil
import subprocess

import pytest

from radslag.planning import outputs
from radslag.planning.tests.factories import small_tree


@pytest.mark.django_db
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils' pdftotext")
def test_the_pdf_draws_the_tree_as_a_figure_and_lists_it_as_a_table(world, org, tmp_path):
    small_tree(world["project"], world["ale_lead"], org)
    (tmp_path / "plan.pdf").write_bytes(outputs.render_pdf(world["project"], "both"))
    command = [str(shutil.which("pdftotext")), "-enc", "UTF-8", str(tmp_path / "plan.pdf"), "-"]
    text = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603  (our own file, fixed program)
    assert text.count("Ingen rutin för") >= 2, "once in the figure, once in the table"
    assert "Logframe-matris" in text and "(översättning saknas)" in text
