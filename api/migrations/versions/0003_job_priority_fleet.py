"""jobs: priority, tenant turns, reclaims and broker publishing (the worker fleet)

Revision ID: 0002_job_priority_fleet
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_job_priority_fleet"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("priority", sa.Integer(), nullable=False, server_default="5"))
        batch_op.add_column(sa.Column("tenant_id", sa.String(length=64), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("reclaims", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("published_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("pages", sa.Integer(), nullable=False, server_default="0"))
        batch_op.create_index("ix_jobs_tenant_status", ["tenant_id", "status"], unique=False)
        batch_op.create_index("ix_jobs_tenant_claimed", ["tenant_id", "claimed_at"], unique=False)
    op.create_table(
        "fleet_workers",
        sa.Column("id", sa.String(length=200), nullable=False),
        sa.Column("processes", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("fleet_workers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_fleet_workers_seen_at"), ["seen_at"], unique=False)
    op.execute(
        "UPDATE jobs SET tenant_id = (SELECT submissions.tenant_id FROM submissions "
        "WHERE submissions.id = jobs.submission_id)"
    )


def downgrade() -> None:
    op.drop_table("fleet_workers")
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.drop_index("ix_jobs_tenant_claimed")
        batch_op.drop_index("ix_jobs_tenant_status")
        for column in ("pages", "published_at", "reclaims", "claimed_at", "tenant_id", "priority"):
            batch_op.drop_column(column)
