

@\[
    leaf\+0
    outer\+[0-9]+
    main\+[0-9]+
\]: 50
