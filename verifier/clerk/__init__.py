"""The school clerk's side: profiles from a roster, a whole school at once, the 汇总表, the terminal table."""
