"""File > Import spreadsheet...: the wizard over exchange/tabular.py (the functions `wethrive import` calls)."""
