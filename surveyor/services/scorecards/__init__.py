"""One scorecard per feature: what customers expect (Kano) against what shoppers see."""
