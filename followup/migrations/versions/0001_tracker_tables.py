"""The tracker tables: one version row per owner, interviews and follow-ups keyed by owner and id.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the three tables; cells are JSON text, so new tracker columns need no migration."""
    op.create_table(
        "trackers",
        sa.Column("owner", sa.String(64), primary_key=True),
        sa.Column("version", sa.BigInteger, nullable=False),
        sa.Column("interview_columns", sa.Text, nullable=False),
        sa.Column("followup_columns", sa.Text, nullable=False),
    )
    op.create_table(
        "interviews",
        sa.Column("owner", sa.String(64), primary_key=True),
        sa.Column("interview_id", sa.Text, primary_key=True),
        sa.Column("position", sa.BigInteger, nullable=False),
        sa.Column("cells", sa.Text, nullable=False),
    )
    op.create_table(
        "followups",
        sa.Column("owner", sa.String(64), primary_key=True),
        sa.Column("followup_id", sa.Text, primary_key=True),
        sa.Column("interview_id", sa.Text, nullable=False),
        sa.Column("position", sa.BigInteger, nullable=False),
        sa.Column("cells", sa.Text, nullable=False),
    )


def downgrade() -> None:
    """Drop the tables (and every tracker in them)."""
    op.drop_table("followups")
    op.drop_table("interviews")
    op.drop_table("trackers")
