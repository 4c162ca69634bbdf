"""reviewer accounts, their sessions, decisions that count, assignment

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reviewers",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("tenant_id", sa.String(length=64), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("disabled_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["tenant_id"], ["tenants.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("username", name="uq_reviewer_username"),
    )
    op.create_index("ix_reviewers_tenant_id", "reviewers", ["tenant_id"])
    op.drop_table("review_sessions")  # sessions of shared reviewer keys: people now sign in with accounts
    op.create_table(
        "reviewer_sessions",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("reviewer_id", sa.String(length=32), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["reviewer_id"], ["reviewers.id"]),
        sa.PrimaryKeyConstraint("token_hash"),
    )
    with op.batch_alter_table("review_decisions") as batch:
        batch.add_column(sa.Column("kind", sa.String(length=16), nullable=False, server_default="flag"))
        batch.add_column(sa.Column("field", sa.String(length=64), nullable=False, server_default=""))
        batch.add_column(sa.Column("value", sa.Text(), nullable=True))
        batch.add_column(sa.Column("previous", sa.Text(), nullable=True))
        batch.add_column(sa.Column("reviewer_id", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("model_version", sa.String(length=200), nullable=False, server_default=""))
    with op.batch_alter_table("submissions") as batch:
        batch.add_column(sa.Column("assignee_id", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("reviewed_sha", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("eligible", sa.String(length=8), nullable=False, server_default=""))
        batch.add_column(sa.Column("decision", sa.String(length=16), nullable=False, server_default=""))
    op.create_index("ix_submissions_assignee_id", "submissions", ["assignee_id"])


def downgrade() -> None:
    op.drop_index("ix_submissions_assignee_id", "submissions")
    with op.batch_alter_table("submissions") as batch:
        for column in ("decision", "eligible", "reviewed_sha", "assignee_id"):
            batch.drop_column(column)
    with op.batch_alter_table("review_decisions") as batch:
        for column in ("model_version", "reviewer_id", "previous", "value", "field", "kind"):
            batch.drop_column(column)
    op.drop_table("reviewer_sessions")
    op.create_table(
        "review_sessions",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("key_id", sa.String(length=32), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["key_id"], ["api_keys.id"]),
        sa.PrimaryKeyConstraint("token_hash"),
    )
    op.drop_index("ix_reviewers_tenant_id", "reviewers")
    op.drop_table("reviewers")
