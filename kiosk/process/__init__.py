"""The People's Assembly process: agenda, timers, breakouts, harvest, speakers' stack, signals."""
