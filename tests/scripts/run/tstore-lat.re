every exit found its start
@start entries left: [01]
