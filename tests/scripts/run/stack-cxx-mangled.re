usym: _ZNK6shapes6Square4areaEi
        _ZNK6shapes6Square4areaEi\+0
        _Z7measureIN6shapes6SquareEElRKT_i\+[0-9]+



