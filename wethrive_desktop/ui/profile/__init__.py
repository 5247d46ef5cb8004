"""The profile dialog (Edit > Profile...), one part per module:

- dialog.py: `ProfileDialog` and `open_profile_dialog`: the profile tab (who the member is, the program dates) and
  the extra tabs listed in `PROFILE_TABS`.
- eligibility.py: the Eligibility tab: education and experience in, ICMA-CM Candidate / Credentialed Manager
  eligibility out, as the user types (the `ProfileExtraTab` protocol every extra tab follows).
"""
