"""Services: plain functions mapping the ORM to the core and back; views stay thin."""
