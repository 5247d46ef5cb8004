"""The dashboard page, one part per module:

- page.py: `DashboardPage`: the cards (hours and pace, challenge points, credential milestones), the charts of
  hours by practice and by month, recent activities and upcoming planned items.
- ring.py: `ProgressRing`, the year's hours against the commitment as a ring that fills.

Everything shown comes from models.dashboard.dashboard_data.
"""
