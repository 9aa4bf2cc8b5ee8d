\{"type": "attached_probes", "count": 1, "data": \{"probes": 1\}\}
\{"type": "time", "data": "[0-2][0-9]:[0-5][0-9]:[0-6][0-9]\\n"\}
\{"type": "time", "data": "at 2[0-9]{3}"\}
